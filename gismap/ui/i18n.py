"""Interface language: Vietnamese or English, from the command line, the saved choice or the system.

Source strings are English; ``resources/translations/gismap_<lang>.qm`` (compiled from the
committed ``.ts`` files by ``scripts/update_translations.py``) carries the translations.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

from gismap.core import errors
from gismap.core.errors import GismapError
from gismap.core.paths import resources_dir

LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
_SETTING = "ui/language"
_installed: QTranslator | None = None


def chosen_language(requested: str | None = None) -> str:
    """``requested`` if given, else the language saved in the settings, else the system's."""
    if requested in LANGUAGES:
        return requested
    saved = QSettings().value(_SETTING)
    if saved in LANGUAGES:
        return saved
    return "vi" if QLocale.system().language() == QLocale.Language.Vietnamese else "en"


def install_language(language: str) -> str:
    """Load the translation of ``language`` into the application; returns the language used."""
    global _installed
    app = QCoreApplication.instance()
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    translator = QTranslator(app)
    if translator.load(f"gismap_{language}", str(resources_dir() / "translations")):
        app.installTranslator(translator)
        _installed = translator
    QLocale.setDefault(QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English,
                               QLocale.Country.Vietnam if language == "vi" else QLocale.Country.UnitedKingdom))
    return language


def save_language(language: str) -> None:
    QSettings().setValue(_SETTING, language)


def current_language() -> str:
    """``"vi"`` or ``"en"``: number style and catalogue labels follow the interface locale."""
    return "vi" if QLocale().language() == QLocale.Language.Vietnamese else "en"


def message_translator(language: str) -> Callable[[str], str]:
    """Core message template → its translation in ``language`` (itself when there is none), read
    from the shipped translations without an application: for files the command line writes."""
    translator = QTranslator()
    translator.load(f"gismap_{language}", str(resources_dir() / "translations"))
    return lambda template: translator.translate(errors.CONTEXT, template) or template


def translated(text: str) -> str:
    """A core :class:`~gismap.core.errors.Message` in the interface language; other text as it is."""
    return errors.render(text, lambda template: QCoreApplication.translate(errors.CONTEXT, template))


def error_text(error: BaseException) -> str:
    """What to show for ``error``: a GISMap error in the interface language. Any other error is a fault of
    GISMap's, whose text (``list index out of range``) tells a user nothing: it is shown with its details in
    the unexpected-error dialog (:mod:`gismap.ui.failures`), and this says so."""
    if isinstance(error, GismapError):
        return translated(error.message)
    return QCoreApplication.translate("Failures", "an error GISMap did not expect; its details are in the error report")
