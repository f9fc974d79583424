from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticStorage(CompressedManifestStaticFilesStorage):
    """Hashed, pre-compressed static files (written by `collectstatic`, which `make run` runs).

    Before the first `collectstatic` there is no manifest: plain names are used instead of failing, so
    management commands and scripts work on a fresh checkout.
    """

    def stored_name(self, name):
        if not self.hashed_files:
            return name
        return super().stored_name(name)
