"""The documentation keeps up with the code: every command has help and is in the README."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from studyguide.cli.main import main
from studyguide.editions import NAMES as EDITIONS

REPO = Path(__file__).resolve().parent.parent


def test_every_command_has_help_and_is_documented():
    readme = (REPO / "README.md").read_text()
    runner = CliRunner()
    for name, command in main.commands.items():
        assert command.help and len(command.help) > 40, name
        assert f"studyguide {name}" in readme, name
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output, name
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, (name, param.name)


def test_every_edition_is_documented():
    fmt = (REPO / "docs/guide-format.md").read_text()
    readme = (REPO / "README.md").read_text()
    for edition in EDITIONS:
        assert edition in fmt
    for suffix in ("-facilitator.pdf", "-booklet.pdf", "-questions.pdf", "-large-print.pdf", ".epub", "-press.pdf"):
        assert f"<slug>{suffix}" in readme and f"<slug>{suffix}" in fmt, suffix
