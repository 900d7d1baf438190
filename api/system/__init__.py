"""The API's view of the store itself: health, counts, any node by id."""
