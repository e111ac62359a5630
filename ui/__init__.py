"""Gradio front end: ``build_ui(answer_fn, ...)``; it never touches the store."""
