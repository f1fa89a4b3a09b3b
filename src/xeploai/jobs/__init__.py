"""The user's long work run in the background (django-tasks on its database backend): documents zips,
exports, statistics workbooks. A ``Job`` row is what the user sees: its kind, progress, file and owner."""
