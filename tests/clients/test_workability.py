"""The work-ability method: the roadmap of an investigation, functional measures, the means
to support work and the summary a business coordinator may read while the consent stands."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.clients.support import (
    CLIENTS,
    as_,
    day,
    enrolled,
    events,
    seed_work_ability_definitions,
)
from tests.conftest import STAND_IN_PARTNER_ID, ServiceApi

SCORES = {
    "punctuality": 3,
    "following_instructions": 2,
    "work_pace": 2,
    "quality": 3,
    "cooperation": 4,
    "endurance": 2,
    "independence": 2,
}  # mean 18/7 = 2.571… → 2.6
SUPPORTS = {
    "hours_per_week": 20,
    "avoid": ["heavy_lifting", "night_shifts"],
    "breaks": "regular_short_breaks",
    "supervision": "named_contact_person",
    "aids": ["written_instructions"],
    "travel": ["public_transport"],
}


@pytest.fixture
async def method(api: ServiceApi) -> ServiceApi:
    await seed_work_ability_definitions(api)
    return api


async def _ok(response: Any, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


async def _with_business_coordinator(api: ServiceApi, client_id: str) -> None:
    """bc1 on a second enrolment (the business line) of wac1's client."""
    body = {"service_line": "business", "coordinator": "bc1", "registered_on": day(2)}
    await _ok(
        await api.client.post(
            f"{CLIENTS}/{client_id}/enrolments", json=body, headers=as_(api, "wac1")
        ),
        201,
    )


async def _grant(api: ServiceApi, client_id: str, purpose: str) -> str:
    consent = await _ok(
        await api.client.post(
            f"{CLIENTS}/{client_id}/consents", json={"purpose": purpose}, headers=as_(api, "wac1")
        ),
        201,
    )
    return str(consent["id"])


async def test_wac_moves_the_roadmap_two_stages_and_others_see_only_that_it_is_under_way(
    method: ServiceApi,
) -> None:
    client_id, _ = await enrolled(method, "wac1")
    path = f"{CLIENTS}/{client_id}/roadmap"
    wac1 = as_(method, "wac1")
    before = await _ok(await method.client.get(path, headers=wac1))
    assert (before["under_way"], before["stages"]) == (False, None)

    body = {
        "stages": [
            {"key": "need_identified", "status": "done", "started_on": day(10)},
            {"key": "health_check", "status": "in_progress", "responsible": "wac1"},
        ]
    }
    roadmap = await _ok(await method.client.put(path, json=body, headers=wac1))
    stages = {s["key"]: s for s in roadmap["stages"]}
    assert roadmap["under_way"] is True
    assert roadmap["next_stage"] == "health_check"
    assert [s["key"] for s in roadmap["stages"]][:2] == ["need_identified", "health_check"]
    assert stages["need_identified"]["status"] == "done"
    assert stages["need_identified"]["started_on"] == day(10)
    assert stages["need_identified"]["completed_on"] == day(0)
    assert stages["health_check"]["responsible"] == "wac1"
    assert stages["further_investigation"]["status"] == "not_started"

    received = {"stages": [{"key": "health_check", "status": "done", "received": "Lausunto"}]}
    roadmap = await _ok(await method.client.put(path, json=received, headers=wac1))
    assert roadmap["next_stage"] == "care_and_rehabilitation"

    # The team lead sees the unit's pathways: only that an investigation is under way.
    lead_view = await _ok(await method.client.get(path, headers=as_(method, "lead")))
    assert lead_view == {
        "client_id": client_id,
        "under_way": True,
        "template_version": None,
        "stages": None,
        "next_stage": None,
        "started_at": None,
        "updated_by": None,
        "updated_at": None,
    }
    feed = [e for e in await events(method) if e["type"].startswith("roadmap.")]
    assert [(e["type"], e["data"].get("stage"), e["data"].get("status")) for e in feed] == [
        ("roadmap.started", None, None),
        ("roadmap.stage_changed", "need_identified", "done"),
        ("roadmap.stage_changed", "health_check", "in_progress"),
        ("roadmap.stage_changed", "health_check", "done"),
    ]
    assert "Lausunto" not in json.dumps(feed)


async def test_the_client_version_is_plain_language_with_the_next_step_and_no_details(
    method: ServiceApi,
) -> None:
    client_id, _ = await enrolled(method, "wac1")
    wac1 = as_(method, "wac1")
    path = f"{CLIENTS}/{client_id}/roadmap"
    body = {"stages": [{"key": "need_identified", "status": "done", "received": "B-lausunto"}]}
    await _ok(await method.client.put(path, json=body, headers=wac1))

    fi = await _ok(await method.client.get(f"{path}/client-version", headers=wac1))
    assert fi["language"] == "fi"
    assert fi["stages"][0] == {
        "name": "Tarve tunnistettu",
        "text": "Olemme yhdessä todenneet, että työkykyäsi kannattaa selvittää.",
        "status": "done",
    }
    assert fi["next_step"] == "Käyt työttömien terveystarkastuksessa."
    assert "B-lausunto" not in json.dumps(fi)
    en = await _ok(
        await method.client.get(f"{path}/client-version", params={"language": "en"}, headers=wac1)
    )
    assert en["next_step"] == "You go to the health check for unemployed people."


async def test_bad_roadmap_changes_are_refused_and_the_roadmap_stays(method: ServiceApi) -> None:
    client_id, _ = await enrolled(method, "wac1")
    wac1 = as_(method, "wac1")
    path = f"{CLIENTS}/{client_id}/roadmap"
    await _ok(
        await method.client.put(
            path, json={"stages": [{"key": "need_identified", "status": "done"}]}, headers=wac1
        )
    )
    cases = [
        ({"key": "no_such_stage", "status": "done"}, "roadmap_stage_unknown", "key"),
        (
            {"key": "health_check", "status": "done", "started_on": day(2), "completed_on": day(5)},
            "ends_before_start",
            "completed_on",
        ),
        ({"key": "health_check", "status": "in_progress", "started_on": day(-3)}, "date_in_future",
         "started_on"),
        ({"key": "health_check", "status": "in_progress", "responsible": "nobody"},
         "staff_member_not_found", "responsible"),
    ]  # fmt: skip
    for stage, code, field in cases:
        response = await method.client.put(path, json={"stages": [stage]}, headers=wac1)
        assert response.status_code == 422, response.text
        problem = response.json()
        assert problem["code"] == code
        assert problem["errors"][0]["loc"][-1] == field
    after = await _ok(await method.client.get(path, headers=wac1))
    assert after["next_stage"] == "health_check"
    assert {s["status"] for s in after["stages"][1:]} == {"not_started"}


async def test_a_running_roadmap_keeps_its_stages_when_the_admin_defines_new_ones(
    method: ServiceApi,
) -> None:
    client_id, _ = await enrolled(method, "wac1")
    wac1 = as_(method, "wac1")
    path = f"{CLIENTS}/{client_id}/roadmap"
    await _ok(
        await method.client.put(
            path, json={"stages": [{"key": "need_identified", "status": "done"}]}, headers=wac1
        )
    )
    stage = {
        "key": "first_talk",
        "name_fi": "Alkukeskustelu",
        "name_en": "First talk",
        "client_text_fi": "Keskustelemme tilanteestasi.",
        "client_text_en": "We talk about your situation.",
    }
    templates = "/api/v1/clients/roadmap-templates"
    refused = await method.client.post(templates, json={"stages": [stage]}, headers=wac1)
    assert (refused.status_code, refused.json()["code"]) == (403, "admin_only")
    twice = await method.client.post(
        templates, json={"stages": [stage, stage]}, headers=as_(method, "admin")
    )
    assert (twice.status_code, twice.json()["code"]) == (422, "duplicate_stage_key")
    added = await _ok(
        await method.client.post(templates, json={"stages": [stage]}, headers=as_(method, "admin")),
        201,
    )
    assert added["version"] == 2

    running = await _ok(await method.client.get(path, headers=wac1))
    assert running["template_version"] == 1
    assert running["stages"][0]["key"] == "need_identified"
    other_id, _ = await enrolled(method, "wac1")
    new = await _ok(
        await method.client.put(
            f"{CLIENTS}/{other_id}/roadmap",
            json={"stages": [{"key": "first_talk", "status": "in_progress"}]},
            headers=wac1,
        )
    )
    assert (new["template_version"], [s["key"] for s in new["stages"]]) == (2, ["first_talk"])


async def test_two_functional_observations_show_the_change_and_the_event_has_the_mean_only(
    method: ServiceApi,
) -> None:
    client_id, _ = await enrolled(method, "wac1")
    wac1 = as_(method, "wac1")
    path = f"{CLIENTS}/{client_id}/functional-assessments"
    body = {
        "instrument_code": "work_observation",
        "instrument_version": 1,
        "observed_on": day(30),
        "item_scores": SCORES,
        "setting": "workshop",
    }
    first = await _ok(await method.client.post(path, json=body, headers=wac1), 201)
    assert (first["overall"], first["change"], first["observer"]) == (2.6, None, "wac1")
    later = {**body, "observed_on": day(2), "item_scores": {**SCORES, "endurance": 4}}
    second = await _ok(await method.client.post(path, json=later, headers=wac1), 201)
    assert second["overall"] == 2.9  # 20/7
    assert second["change"]["overall"] == pytest.approx(0.3)
    assert second["change"]["item_scores"]["endurance"] == 2
    assert second["change"]["item_scores"]["punctuality"] == 0
    listed = await _ok(await method.client.get(path, headers=wac1))
    assert [a["observed_on"] for a in listed] == [day(30), day(2)]

    feed = [e for e in await events(method) if e["type"] == "functional_assessment.recorded"]
    assert [e["data"]["overall"] for e in feed] == [2.6, 2.9]
    assert all("item_scores" not in e["data"] for e in feed)


async def test_an_observation_must_match_the_instrument(method: ServiceApi) -> None:
    client_id, _ = await enrolled(method, "wac1")
    wac1 = as_(method, "wac1")
    path = f"{CLIENTS}/{client_id}/functional-assessments"
    body = {
        "instrument_code": "work_observation",
        "instrument_version": 1,
        "observed_on": day(1),
        "item_scores": SCORES,
        "setting": "workshop",
    }
    cases = [
        ({"item_scores": {"punctuality": 3}}, "item_scores_mismatch"),
        ({"item_scores": {**SCORES, "endurance": 6}}, "score_out_of_scale"),
        ({"instrument_version": 9}, "instrument_not_found"),
        ({"observed_on": day(-1)}, "date_in_future"),
    ]
    for change, code in cases:
        response = await method.client.post(path, json={**body, **change}, headers=wac1)
        assert (response.status_code, response.json()["code"]) == (422, code), response.text
    assert await _ok(await method.client.get(path, headers=wac1)) == []


async def test_bc_sees_the_approved_summary_while_the_consent_stands_and_nothing_after(
    method: ServiceApi,
) -> None:
    client_id, _ = await enrolled(method, "wac1")
    await _with_business_coordinator(method, client_id)
    wac1, bc1 = as_(method, "wac1"), as_(method, "bc1")
    supports = f"{CLIENTS}/{client_id}/work-supports"
    summary = f"{CLIENTS}/{client_id}/work-ability-summary"
    assessment = {
        "recorded_on": day(5),
        "instrument_version": "2023",
        "language": "fi",
        "overall": 6,
        "domain_scores": {
            "health_and_functioning": 3,
            "competence": 7,
            "values_and_motivation": 8,
            "work_and_community": 6,
            "life_situation": 5,
        },
    }
    await _ok(
        await method.client.post(
            f"{CLIENTS}/{client_id}/assessments", json=assessment, headers=wac1
        ),
        201,
    )
    first = await _ok(await method.client.put(supports, json=SUPPORTS, headers=wac1))
    consent_id = await _grant(method, client_id, "share_work_ability_summary")

    # Not approved yet: there is no summary to see.
    unapproved = await method.client.get(summary, headers=bc1)
    assert (unapproved.status_code, unapproved.json()["code"]) == (
        404,
        "work_ability_summary_not_found",
    )
    await _ok(
        await method.client.post(
            f"{supports}/approve", json={"revision": first["revision"]}, headers=wac1
        )
    )
    # A newer revision waits for approval; bc1 keeps seeing the approved one.
    await _ok(
        await method.client.put(supports, json={**SUPPORTS, "hours_per_week": 30}, headers=wac1)
    )
    seen = await _ok(await method.client.get(summary, headers=bc1))
    assert (seen["revision"], seen["hours_per_week"], seen["approved_by"]) == (1, 20, "wac1")
    assert seen["avoid"] == ["heavy_lifting", "night_shifts"]
    assert seen["self_assessment_overall"] == 6
    assert seen["shareable_with_employer"] is False

    # bc1 keeps the self-assessment's overall score only; the details stay with wac1.
    listed = await _ok(await method.client.get(f"{CLIENTS}/{client_id}/assessments", headers=bc1))
    assert [(a["overall"], a["domain_scores"]) for a in listed] == [(6, None)]
    full = await _ok(await method.client.get(f"{CLIENTS}/{client_id}/assessments", headers=wac1))
    assert full[0]["domain_scores"]["health_and_functioning"] == 3
    for part in ("work-supports", "functional-assessments"):
        hidden = await method.client.get(f"{CLIENTS}/{client_id}/{part}", headers=bc1)
        assert hidden.status_code == 404, part
    roadmap = await _ok(await method.client.get(f"{CLIENTS}/{client_id}/roadmap", headers=bc1))
    assert roadmap["stages"] is None

    await _grant(method, client_id, "share_work_ability_summary_with_employer")
    assert (await _ok(await method.client.get(summary, headers=bc1)))["shareable_with_employer"]

    withdrawn = await method.client.delete(
        f"{CLIENTS}/{client_id}/consents/{consent_id}", headers=wac1
    )
    assert withdrawn.status_code in (200, 204), withdrawn.text
    gone = await method.client.get(summary, headers=bc1)
    assert (gone.status_code, gone.json()["code"]) == (404, "client_not_found")
    listed = await method.client.get(f"{CLIENTS}/{client_id}/assessments", headers=bc1)
    assert listed.status_code == 404


async def test_only_the_newest_revision_is_approved_and_only_once(method: ServiceApi) -> None:
    client_id, _ = await enrolled(method, "wac1")
    wac1 = as_(method, "wac1")
    supports = f"{CLIENTS}/{client_id}/work-supports"
    await _ok(await method.client.put(supports, json=SUPPORTS, headers=wac1))
    await _ok(await method.client.put(supports, json={"hours_per_week": 10}, headers=wac1))
    old = await method.client.post(f"{supports}/approve", json={"revision": 1}, headers=wac1)
    assert (old.status_code, old.json()["code"]) == (409, "work_supports_not_newest")
    missing = await method.client.post(f"{supports}/approve", json={"revision": 7}, headers=wac1)
    assert (missing.status_code, missing.json()["code"]) == (404, "work_supports_not_found")
    await _ok(await method.client.post(f"{supports}/approve", json={"revision": 2}, headers=wac1))
    again = await method.client.post(f"{supports}/approve", json={"revision": 2}, headers=wac1)
    assert (again.status_code, again.json()["code"]) == (409, "work_supports_already_approved")
    revisions = await _ok(await method.client.get(supports, headers=wac1))
    assert [(r["revision"], r["approved_by"]) for r in revisions] == [(2, "wac1"), (1, None)]
    refused = await method.client.put(supports, json={"avoid": ["lifting_pianos"]}, headers=wac1)
    assert refused.status_code == 422
    assert len(await _ok(await method.client.get(supports, headers=wac1))) == 2


# Who may do what with the work-ability method of wac1's client, bc1 working with the client
# on the business line with the consent `share_work_ability_summary` (stated, not computed).
# The roadmap's stages, the measures and the means of support are health data.
OPERATIONS = {
    "roadmap.read": ("GET", "roadmap", None),
    "roadmap.write": ("PUT", "roadmap", {"stages": [{"key": "health_check", "status": "done"}]}),
    "roadmap.client_version": ("GET", "roadmap/client-version", None),
    "functional.list": ("GET", "functional-assessments", None),
    "functional.create": (
        "POST",
        "functional-assessments",
        {
            "instrument_code": "work_observation",
            "instrument_version": 1,
            "observed_on": day(1),
            "item_scores": SCORES,
            "setting": "work_trial",
        },
    ),
    "supports.list": ("GET", "work-supports", None),
    "supports.approve": ("POST", "work-supports/approve", {"revision": 2}),
    "supports.write": ("PUT", "work-supports", SUPPORTS),
    "summary.read": ("GET", "work-ability-summary", None),
}
EXPECTED = {
    # caller: answers in the order of OPERATIONS
    "wac1": (200, 200, 200, 200, 201, 200, 200, 200, 200),
    "wac2": (404, 404, 404, 404, 404, 404, 404, 404, 404),  # unrelated
    "bc1": (200, 403, 404, 404, 403, 404, 403, 403, 200),  # stages null; the summary
    "bc2": (404, 404, 404, 404, 404, 404, 404, 404, 404),
    "coach": (404, 403, 404, 404, 403, 404, 403, 403, 404),  # the referrer: the profile
    "lead": (200, 403, 404, 404, 403, 404, 403, 403, 404),  # stages null
}


@pytest.mark.parametrize("caller", list(EXPECTED))
async def test_who_may_use_the_work_ability_method(method: ServiceApi, caller: str) -> None:
    client_id, _ = await enrolled(method, "wac1")
    await _with_business_coordinator(method, client_id)
    wac1 = as_(method, "wac1")
    await _grant(method, client_id, "share_work_ability_summary")
    await _ok(
        await method.client.put(
            f"{CLIENTS}/{client_id}/roadmap",
            json={"stages": [{"key": "need_identified", "status": "done"}]},
            headers=wac1,
        )
    )
    supports = f"{CLIENTS}/{client_id}/work-supports"
    await _ok(await method.client.put(supports, json=SUPPORTS, headers=wac1))
    await _ok(await method.client.post(f"{supports}/approve", json={"revision": 1}, headers=wac1))
    await _ok(await method.client.put(supports, json=SUPPORTS, headers=wac1))
    answers = []
    for method_name, part, body in OPERATIONS.values():
        response = await method.client.request(
            method_name, f"{CLIENTS}/{client_id}/{part}", json=body, headers=as_(method, caller)
        )
        answers.append(response.status_code)
    assert dict(zip(OPERATIONS, answers, strict=True)) == dict(
        zip(OPERATIONS, EXPECTED[caller], strict=True)
    )


async def test_a_machine_client_and_a_forged_client_id_reach_nothing(method: ServiceApi) -> None:
    client_id, _ = await enrolled(method, "wac1")
    machine = method.as_machine("bi", "metrics:read")
    for method_name, part, body in OPERATIONS.values():
        response = await method.client.request(
            method_name, f"{CLIENTS}/{client_id}/{part}", json=body, headers=machine
        )
        assert response.status_code in (401, 403, 404), part
    forged = await method.client.get(
        f"{CLIENTS}/..%2F..%2Finternal/roadmap", headers=as_(method, "wac1")
    )
    assert forged.status_code in (404, 422)
    for path in ("roadmap-templates", "functional-instruments"):
        refused = await method.client.get(f"{CLIENTS}/{path}", headers=machine)
        assert (refused.status_code, refused.json()["code"]) == (403, "staff_only")


async def test_oversized_and_control_character_input_is_refused(method: ServiceApi) -> None:
    client_id, _ = await enrolled(method, "wac1")
    wac1 = as_(method, "wac1")
    path = f"{CLIENTS}/{client_id}/roadmap"
    for received in ("x" * 501, "Lausunto\u0000", "Lausunto\u202e"):
        body = {"stages": [{"key": "health_check", "status": "done", "received": received}]}
        response = await method.client.put(path, json=body, headers=wac1)
        assert response.status_code == 422, received
    assert (await _ok(await method.client.get(path, headers=wac1)))["under_way"] is False


async def test_my_day_names_the_next_stage_for_the_work_ability_coordinator_only(
    method: ServiceApi,
) -> None:
    client_id, _ = await enrolled(method, "wac1")
    await _with_business_coordinator(method, client_id)
    body = {"stages": [{"key": "need_identified", "status": "done"}]}
    await _ok(
        await method.client.put(
            f"{CLIENTS}/{client_id}/roadmap", json=body, headers=as_(method, "wac1")
        )
    )
    day_of = await _ok(await method.client.get(f"{CLIENTS}/worklist", headers=as_(method, "wac1")))
    items = day_of["roadmap_next_steps"]
    assert [(i["client_id"], i["fix"]) for i in items] == [(client_id, "advance_roadmap")]
    assert items[0]["next_stage"] == {
        "key": "health_check",
        "name_fi": "Työttömien terveystarkastus",
        "name_en": "Health check for the unemployed",
    }
    # bc1 works with the same client, but the roadmap is health data.
    bc_day = await _ok(await method.client.get(f"{CLIENTS}/worklist", headers=as_(method, "bc1")))
    assert bc_day["roadmap_next_steps"] == []
    assert bc_day["counts"]["roadmap_next_steps"] == 0


async def test_a_stage_names_a_partner_of_the_directory_or_is_refused(method: ServiceApi) -> None:
    client_id, _ = await enrolled(method, "wac1")
    path = f"{CLIENTS}/{client_id}/roadmap"
    wac1 = as_(method, "wac1")
    stage = {"key": "further_investigation", "status": "in_progress"}
    unknown = {"stages": [{**stage, "partner_id": "00000000-0000-4000-8000-00000000dead"}]}
    refused = await method.client.put(path, json=unknown, headers=wac1)
    assert (refused.status_code, refused.json()["code"]) == (422, "partner_not_found")
    known = {"stages": [{**stage, "partner_id": STAND_IN_PARTNER_ID}]}
    roadmap = await _ok(await method.client.put(path, json=known, headers=wac1))
    assert roadmap["stages"][3]["partner_id"] == STAND_IN_PARTNER_ID
