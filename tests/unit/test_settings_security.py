"""Managed-Kafka settings: validated at load, mapped once for aiokafka and once for Faust, the password never shown."""

from __future__ import annotations

import ssl
from pathlib import Path

import certifi
import pytest

from tests.unit.test_config import settings_error, write
from tocsin.kafka import client_options
from tocsin.settings import SettingsError, load_settings
from tocsin.streams.app import faust_settings

PASSWORD = "s3cret-do-not-print"
SASL_SSL = {
    "TOCSIN_KAFKA_SECURITY_PROTOCOL": "SASL_SSL",
    "TOCSIN_KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
    "TOCSIN_KAFKA_SASL_USERNAME": "tocsin",
    "TOCSIN_KAFKA_SASL_PASSWORD": PASSWORD,
}


def test_plaintext_is_the_default_and_adds_nothing():
    options = client_options(load_settings(environ={}))
    assert options == {"bootstrap_servers": "127.0.0.1:9092", "security_protocol": "PLAINTEXT", "ssl_context": None}
    assert faust_settings(load_settings(environ={}))["broker_credentials"] is None


def test_sasl_ssl_maps_to_aiokafka_options_and_faust_credentials():
    settings = load_settings(environ={**SASL_SSL, "TOCSIN_KAFKA_SSL_CAFILE": certifi.where()})
    options = client_options(settings)
    assert {key: options[key] for key in ("security_protocol", "sasl_mechanism", "sasl_plain_username", "sasl_plain_password")} == {
        "security_protocol": "SASL_SSL",
        "sasl_mechanism": "SCRAM-SHA-512",
        "sasl_plain_username": "tocsin",
        "sasl_plain_password": PASSWORD,
    }
    assert isinstance(options["ssl_context"], ssl.SSLContext) and options["ssl_context"].get_ca_certs(), "the CA file is loaded"
    credentials = faust_settings(settings)["broker_credentials"]
    assert (credentials.protocol.value, credentials.mechanism.value, credentials.username, credentials.password) == (
        "SASL_SSL",
        "SCRAM-SHA-512",
        "tocsin",
        PASSWORD,
    )
    assert isinstance(credentials.ssl_context, ssl.SSLContext)


def test_ssl_alone_uses_the_system_cas_and_faust_ssl_credentials():
    settings = load_settings(environ={"TOCSIN_KAFKA_SECURITY_PROTOCOL": "SSL"})
    options = client_options(settings)
    assert options["security_protocol"] == "SSL" and options["ssl_context"].verify_mode == ssl.CERT_REQUIRED
    assert "sasl_mechanism" not in options
    assert faust_settings(settings)["broker_credentials"].protocol.value == "SSL"


def test_the_password_never_shows_in_repr_or_dumps():
    settings = load_settings(environ=SASL_SSL)
    assert PASSWORD not in repr(settings) and PASSWORD not in str(settings.model_dump())
    assert PASSWORD not in repr(faust_settings(settings)["broker_credentials"])


def test_refused_settings_do_not_echo_the_password():
    message = settings_error(**{**SASL_SSL, "TOCSIN_KAFKA_SECURITY_PROTOCOL": "SASL", "TOCSIN_KAFKA_SSL_CAFILE": "/nonexistent"})
    assert "TOCSIN_KAFKA_SECURITY_PROTOCOL='SASL'" in message and "'PLAINTEXT'" in message and PASSWORD not in message


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        (
            {"TOCSIN_KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "TOCSIN_KAFKA_SASL_USERNAME": "u"},
            "kafka_security_protocol SASL_SSL needs kafka_sasl_mechanism, kafka_sasl_password",
        ),
        (
            {"TOCSIN_KAFKA_SASL_USERNAME": "u"},
            "kafka_sasl_* settings need kafka_security_protocol SASL_PLAINTEXT or SASL_SSL, not PLAINTEXT",
        ),
        (
            {**SASL_SSL, "TOCSIN_KAFKA_SASL_MECHANISM": "GSSAPI"},
            "setting TOCSIN_KAFKA_SASL_MECHANISM='GSSAPI': Input should be 'PLAIN', 'SCRAM-SHA-256' or 'SCRAM-SHA-512'",
        ),
        (
            {
                "TOCSIN_KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
                "TOCSIN_KAFKA_SASL_MECHANISM": "PLAIN",
                "TOCSIN_KAFKA_SASL_USERNAME": "u",
                "TOCSIN_KAFKA_SASL_PASSWORD": "p",
                "TOCSIN_KAFKA_SSL_CAFILE": certifi.where(),
            },
            "kafka_ssl_* settings need kafka_security_protocol SSL or SASL_SSL, not SASL_PLAINTEXT",
        ),
        (
            {"TOCSIN_KAFKA_SECURITY_PROTOCOL": "SSL", "TOCSIN_KAFKA_SSL_CAFILE": "/nonexistent/ca.pem"},
            "setting TOCSIN_KAFKA_SSL_CAFILE='/nonexistent/ca.pem': Value error, no such file",
        ),
        (
            {"TOCSIN_KAFKA_SECURITY_PROTOCOL": "SSL", "TOCSIN_KAFKA_SSL_KEYFILE": certifi.where()},
            "kafka_ssl_keyfile needs kafka_ssl_certfile",
        ),
    ],
)
def test_incomplete_or_contradictory_security_settings_are_refused_naming_them(environ, expected):
    message = settings_error(**environ)
    assert expected in message, message


def test_the_password_in_a_file_is_refused_with_its_line(tmp_path: Path):
    config = write(tmp_path, "kafka_security_protocol: SASL_SSL\nkafka_sasl_password: hunter2\n")
    with pytest.raises(SettingsError) as caught:
        load_settings(config, environ={})
    assert str(caught.value) == (
        f"{config}:2: kafka_sasl_password: a secret is read only from the environment (TOCSIN_KAFKA_SASL_PASSWORD); remove it from the file"
    )


def test_cross_setting_errors_from_a_file_name_the_file(tmp_path: Path):
    message = settings_error(tmp_path, "kafka_security_protocol: SASL_PLAINTEXT\nkafka_sasl_mechanism: PLAIN\n")
    assert message.startswith(f"{tmp_path / 'config.yaml'}: ") and "needs kafka_sasl_username, kafka_sasl_password" in message


def test_metrics_switch_is_a_setting():
    assert load_settings(environ={}).metrics_enabled is True
    assert load_settings(environ={"TOCSIN_METRICS_ENABLED": "false"}).metrics_enabled is False
