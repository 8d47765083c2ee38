"""Another user's job or file is not found: 404 on every route, never 403."""

from __future__ import annotations

from tests.support import ScriptedRuntime


async def test_every_job_route_is_404_for_another_user(make_server):
    live = await make_server(runtime=ScriptedRuntime())
    owner, intruder = await live.user(), await live.user()
    job = await owner.create_job("test.simple", [await owner.upload("a.txt", "x")])
    job_id = job["jobSpecId"]
    await owner.confirm(job_id, 1)
    assert (await owner.settle(job_id))["status"] == "completed"

    calls = [
        ("GET", f"/jobs/goal/{job_id}", None),
        ("GET", f"/jobs/goal/{job_id}/status", None),
        ("PATCH", f"/jobs/goal/{job_id}/slots", {"itemVersion": 2, "slots": [{"slotId": "a", "value": "b"}]}),
        ("POST", f"/jobs/goal/{job_id}/confirm", {"itemVersion": 2}),
        ("GET", f"/jobs/goal/{job_id}/download", None),
    ]
    for method, path, body in calls:
        response = await intruder.request(method, path, json=body)
        assert response.status_code == 404, (method, path, response.text)
        assert response.json()["code"] == "JOB_NOT_FOUND"
        missing = await intruder.request(method, path.replace(job_id, "job_" + "0" * 24), json=body)
        assert missing.json() == response.json() | {"message": missing.json()["message"]}


async def test_another_users_file_is_404(server):
    owner, intruder = await server.user(), await server.user()
    file_id = await owner.upload("a.txt", "x")
    response = await intruder.request("POST", "/jobs/goal", json={"workflowId": "test.simple", "fileIds": [file_id]})
    assert response.status_code == 404
    assert file_id in response.json()["message"]
