"""What each uploaded file held, kept by its content, so a re-upload is not parsed again."""
