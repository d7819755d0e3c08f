"""Presidio baseline: AnalyzerEngine with no NLP model and the same UK identifiers Herald checks."""

from __future__ import annotations

import logging


def build_analyzer():
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NoOpNlpEngine
    from presidio_analyzer.predefined_recognizers import (
        CreditCardRecognizer,
        EmailRecognizer,
        IbanRecognizer,
        IpRecognizer,
        NhsRecognizer,
        PhoneRecognizer,
        UkDrivingLicenceRecognizer,
        UkNinoRecognizer,
        UkPassportRecognizer,
        UkPostcodeRecognizer,
        UkVehicleRegistrationRecognizer,
        UsSsnRecognizer,
    )

    logging.getLogger("tldextract").setLevel(logging.ERROR)
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    registry = RecognizerRegistry(supported_languages=["en"])
    for rec in (
        UkNinoRecognizer(), NhsRecognizer(), UkPostcodeRecognizer(), UkVehicleRegistrationRecognizer(),
        UkPassportRecognizer(), UkDrivingLicenceRecognizer(), EmailRecognizer(),
        PhoneRecognizer(supported_regions=("GB", "US")), CreditCardRecognizer(), IbanRecognizer(), IpRecognizer(),
        UsSsnRecognizer(),
    ):
        registry.add_recognizer(rec)
    nlp = NoOpNlpEngine(models=[{"lang_code": "en", "model_name": "no_op"}])
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])
