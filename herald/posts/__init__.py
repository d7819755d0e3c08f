"""Posts: drafts, screening on save, the Clerk's review, scheduled publication, archive, takedown."""
