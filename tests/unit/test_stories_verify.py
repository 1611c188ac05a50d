"""The story check refuses to pass when there is nothing to evaluate."""
from bot.stories import count_stories, story_files, verify


def test_no_stories_is_a_failure(tmp_path, capsys):
    empty = tmp_path / "test_empty.yml"
    empty.write_text('version: "3.1"\nstories: []\n', encoding="utf-8")
    assert verify([str(empty)]) == 1
    assert "Inga teststorier" in capsys.readouterr().err


def test_the_repository_has_named_test_stories():
    files = story_files()
    assert files and all(f.name.startswith("test_") for f in files)
    assert count_stories(files) >= 8
