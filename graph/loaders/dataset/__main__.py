"""Print the JSON Schema: ``python -m graph.loaders.dataset > docs/dataset.schema.json``."""

import sys

from graph.loaders.dataset.schema import schema_text

sys.stdout.write(schema_text())
