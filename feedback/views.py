"""Views of feedback."""
