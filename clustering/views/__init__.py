"""Frames shaped for display: what the app shows, computed as plain functions over frames.

The Streamlit app (`app.py`, `app_pages/`) only renders what these functions return, so
every number a journalist sees is computed here and tested with exact values. Nothing here
imports streamlit, and nothing here reads files: the pages read the corpus through
`clustering.corpus.Corpus` and pass frames in.

One module per page of the app, and one for escaping:

- `stories_page`: the story list (app_pages/stories.py);
- `story_page`: one story's coverage, comparisons, flags and changes (app_pages/story.py);
- `outlets_page`: coverage per outlet and per outlet group (app_pages/outlets.py);
- `import_page`: what a run rejected (app_pages/import_files.py);
- `safe`: untrusted text made safe for markdown and HTML (every page).

The Export page needs no shaping: it writes `clustering.export` tables with
`clustering.export.table_bytes`.
"""
