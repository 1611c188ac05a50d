"""The safety prompts cite the social services act in force, with the date it was checked."""
import re

from bot.assessment.question_bank import load_safety


def test_every_prompt_names_the_act_in_force_with_a_check_date():
    prompts = load_safety()
    assert {"child_concern", "acute", "parent_misuse"} <= set(prompts)
    for prompt in prompts.values():
        assert "socialtjänstlagen (2025:400)" in prompt.legal and "2025:400" in prompt.law
        assert "2001:453" not in prompt.message(), prompt.id
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", prompt.law_checked), prompt.id


def test_the_duty_to_report_is_acted_on_genast_not_i_dag():
    for pid in ("child_concern", "parent_misuse"):
        text = load_safety()[pid].message()
        assert "genast" in text and "i dag" not in text
