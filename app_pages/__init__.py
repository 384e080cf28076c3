"""The pages of the Streamlit app (app.py); `common` holds what they share."""
