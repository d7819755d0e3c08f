"""Private file storage: files under MEDIA_ROOT/<folder> that have no URL. They are served only
through access-checked views (post images, files on complaint cases)."""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.functional import cached_property


class PrivateStorage(FileSystemStorage):
    def __init__(self, folder: str):
        super().__init__()
        self.folder = folder

    @cached_property
    def base_location(self):  # re-read when MEDIA_ROOT changes (FileSystemStorage clears it)
        return os.path.join(settings.MEDIA_ROOT, self.folder)

    def url(self, name):
        raise ValueError(f"Files in {self.folder} have no public URL: they are served by access-checked views.")
