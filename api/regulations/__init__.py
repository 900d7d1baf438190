"""The regulations' questions in GraphQL: who must perform a duty, how two regulations differ."""
