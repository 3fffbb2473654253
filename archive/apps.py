from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "archive"
    verbose_name = "县域政务报道库"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from archive import history

        history.register()
