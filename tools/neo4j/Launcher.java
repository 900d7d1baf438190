/*
 * Methodnet: local Neo4j 5 Community server launcher.
 *
 * Runs an embedded Neo4j DBMS (org.neo4j.dbms.api.DatabaseManagementServiceBuilder) with the
 * Bolt connector switched on, so that ordinary Neo4j drivers can talk to it. No build step: it
 * is started as a Java 17 single-file source program against the jars that
 * `mvn -f tools/neo4j/pom.xml dependency:copy-dependencies` put into a lib folder:
 *
 *   java -Xmx1g -cp '<lib>/*' tools/neo4j/Launcher.java --home <dir> [options]
 *
 * Options:
 *   --home <dir>         Neo4j home / data folder (required). Kept across restarts. Holds
 *                        databases/, transactions/, dbms/ (and logs/, unless --logs is given).
 *   --logs <dir>         Folder for Neo4j's own logs (debug.log, ...); default <home>/logs.
 *   --port <n>           Bolt port, bound on 127.0.0.1 only (default 7687).
 *   --pid-file <file>    Write this process's pid there; removed again on clean shutdown.
 *   --pagecache <size>   server.memory.pagecache.size (default 256m).
 *   --tx-memory <size>   dbms.memory.transaction.total.max (default 256m).
 *
 * Security/network: authentication is DISABLED (dbms.security.auth_enabled=false), Bolt is
 * plain text (server.bolt.tls_level=DISABLED) and only listens on 127.0.0.1. HTTP/HTTPS
 * connectors are off. Usage reporting (dbms.usage_report.enabled) is off; nothing needs the
 * internet.
 *
 * Once Bolt accepts connections it prints exactly one line starting with READY_MARKER. On
 * SIGTERM/SIGINT a shutdown hook calls DatabaseManagementService.shutdown() (checkpoint, clean
 * store) and prints a line starting with "METHODNET_NEO4J_STOPPED". Exit code 1 on startup
 * failure, 2 on bad arguments.
 */

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.Version;

public class Launcher {

    static final String READY_MARKER = "METHODNET_NEO4J_READY";
    static final String STOPPED_MARKER = "METHODNET_NEO4J_STOPPED";
    static final String HOST = "127.0.0.1";

    public static void main(String[] args) {
        Map<String, String> opts;
        try {
            opts = parseArgs(args);
        } catch (IllegalArgumentException e) {
            System.err.println("Launcher: " + e.getMessage());
            System.err.println("usage: java -cp '<lib>/*' Launcher.java --home <dir> [--logs <dir>] [--port 7687]"
                    + " [--pid-file <file>] [--pagecache 256m] [--tx-memory 256m]");
            System.exit(2);
            return;
        }

        Path home = Path.of(opts.get("home")).toAbsolutePath().normalize();
        int port = Integer.parseInt(opts.getOrDefault("port", "7687"));
        String pageCache = opts.getOrDefault("pagecache", "256m");
        String txMemory = opts.getOrDefault("tx-memory", "256m");
        Path logsDir = Path.of(opts.getOrDefault("logs", home.resolve("logs").toString()))
                .toAbsolutePath().normalize();
        Path pidFile = opts.containsKey("pid-file")
                ? Path.of(opts.get("pid-file")).toAbsolutePath().normalize()
                : null;
        long pid = ProcessHandle.current().pid();
        Instant started = Instant.now();

        log("starting Neo4j " + Version.getNeo4jVersion() + " (pid " + pid + ", java "
                + Runtime.version() + ", max heap "
                + (Runtime.getRuntime().maxMemory() / (1024 * 1024)) + " MiB) home=" + home
                + " logs=" + logsDir + " bolt=" + HOST + ":" + port + " pagecache=" + pageCache
                + " tx-memory=" + txMemory);

        try {
            Files.createDirectories(home);
            if (pidFile != null) {
                Files.createDirectories(pidFile.getParent());
                Files.writeString(pidFile, pid + "\n", StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            log("ERROR cannot prepare " + home + ": " + e);
            System.exit(1);
        }

        DatabaseManagementService managementService;
        try {
            managementService = new DatabaseManagementServiceBuilder(home)
                    // Everything lives under the one folder given on the command line.
                    .setConfig(GraphDatabaseSettings.data_directory, home)
                    .setConfig(GraphDatabaseSettings.logs_directory, logsDir)
                    // Bolt on loopback only, no TLS.
                    .setConfig(BoltConnector.enabled, true)
                    .setConfig(BoltConnector.listen_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.advertised_address, new SocketAddress(HOST, port))
                    .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                    .setConfig(HttpConnector.enabled, false)
                    .setConfig(HttpsConnector.enabled, false)
                    // Local development database: no authentication.
                    .setConfig(GraphDatabaseSettings.auth_enabled, false)
                    // Nothing phones home.
                    .setConfig(GraphDatabaseSettings.udc_enabled, false)
                    .setConfig(GraphDatabaseInternalSettings.udc_network_enabled, false)
                    // Server-side routing is useless for a single local instance.
                    .setConfig(GraphDatabaseSettings.routing_enabled, false)
                    // Netty waits a 5 s "quiet period" per Bolt connector on shutdown; 1 s is plenty.
                    .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 1)
                    // Modest memory: page cache + global cap on transaction memory.
                    .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.parse(pageCache))
                    .setConfig(GraphDatabaseSettings.memory_transaction_global_max_size,
                            ByteUnit.parse(txMemory))
                    // Keep the transaction log footprint of a dev database small.
                    .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                    .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                    .build();
        } catch (Throwable t) {
            t.printStackTrace(System.out);
            // Summary last, so that the tail of the log (which start() reports) explains it.
            StringBuilder causes = new StringBuilder();
            for (Throwable c = t; c != null && causes.length() < 2000; c = c.getCause()) {
                causes.append("\n    - ").append(c);
            }
            log("ERROR Neo4j failed to start (exception and its causes):" + causes);
            deletePidFile(pidFile, pid);
            // halt: do not wait for non-daemon threads a half-started DBMS may have left behind.
            Runtime.getRuntime().halt(1);
            return;
        }

        CountDownLatch stopped = new CountDownLatch(1);
        final DatabaseManagementService service = managementService;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("shutdown requested, stopping Neo4j ...");
            Instant t0 = Instant.now();
            try {
                service.shutdown();
                log(STOPPED_MARKER + " clean shutdown in "
                        + Duration.between(t0, Instant.now()).toMillis() + " ms");
            } catch (Throwable t) {
                log("ERROR during shutdown: " + t);
                t.printStackTrace(System.out);
            } finally {
                deletePidFile(pidFile, pid);
                stopped.countDown();
                System.out.flush();
            }
        }, "methodnet-neo4j-shutdown"));

        // build() returns after the Bolt connector has been started; confirm it really accepts.
        if (!waitForPort(HOST, port, Duration.ofSeconds(30))) {
            log("ERROR Bolt did not accept connections on " + HOST + ":" + port);
            System.exit(1);
        }
        log(READY_MARKER + " bolt://" + HOST + ":" + port + " version=" + Version.getNeo4jVersion()
                + " pid=" + pid + " startup_ms="
                + Duration.between(started, Instant.now()).toMillis());

        try {
            stopped.await(); // until the shutdown hook has run (the JVM exits right after)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
            String key;
            String value;
            int eq = a.indexOf('=');
            if (eq > 0) {
                key = a.substring(2, eq);
                value = a.substring(eq + 1);
            } else {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + a);
                }
                key = a.substring(2);
                value = args[++i];
            }
            switch (key) {
                case "home", "logs", "port", "pid-file", "pagecache", "tx-memory" -> opts.put(key, value);
                default -> throw new IllegalArgumentException("unknown option --" + key);
            }
        }
        if (!opts.containsKey("home")) {
            throw new IllegalArgumentException("--home is required");
        }
        try {
            int port = Integer.parseInt(opts.getOrDefault("port", "7687"));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad --port " + opts.get("port"));
        }
        return opts;
    }

    private static boolean waitForPort(String host, int port, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                return true;
            } catch (IOException e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    private static void deletePidFile(Path pidFile, long pid) {
        if (pidFile == null) {
            return;
        }
        try {
            // Only remove it if it is still ours (a newer server may have replaced it).
            if (Files.exists(pidFile)
                    && Files.readString(pidFile, StandardCharsets.US_ASCII).trim().equals(Long.toString(pid))) {
                Files.delete(pidFile);
            }
        } catch (IOException ignored) {
            // best effort
        }
    }

    private static void log(String message) {
        System.out.println(Instant.now() + " [methodnet-launcher] " + message);
        System.out.flush();
    }
}
