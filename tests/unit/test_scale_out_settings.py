"""Scale-out as one setting: TIDIGT_PROCESSES gives several Rasa servers (each with its own
action server and the shared Redis lock store) and several web-app processes on one port."""
import asyncio
import zlib

import pytest
import yaml
from aiohttp import web

from bot.rasa_ext.endpoints import lock_store_config, write_endpoints
from bot.runner import product_services, scale_out_problem
from bot.settings import load_settings
from bot.web.rasa_client import HOME_SLACK, RasaClient, home_server

PG = "postgresql://tidigt@127.0.0.1:5432/tidigt"


def settings(tmp_path, **env):
    return load_settings({"TIDIGT_DATA_DIR": str(tmp_path), **env})


def test_default_is_one_process_each_on_sqlite_without_lock_store(tmp_path):
    s = settings(tmp_path)
    assert (s.rasa_processes, s.web_processes, s.scaled_out) == (1, 1, False)
    names = [svc.name for svc in product_services(s, 8080)]
    assert names == ["actionservern", "Rasa", "webbappen"]
    assert "lock_store" not in yaml.safe_load((tmp_path / "endpoints.yml").read_text())
    assert scale_out_problem(s) is None


def test_one_setting_starts_redis_and_pairs_of_rasa_and_actions_and_web_apps(tmp_path):
    s = settings(tmp_path, DATABASE_URL=PG, TIDIGT_PROCESSES="2", TIDIGT_RASA_PORT="7005",
                 TIDIGT_ACTIONS_PORT="7055", TIDIGT_REDIS_PORT="7379")
    services = product_services(s, 8080)
    assert [svc.name for svc in services] == [
        "Redis", "actionservern 1", "Rasa 1", "actionservern 2", "Rasa 2",
        "webbappen 1", "webbappen 2"]
    rasa_2 = next(svc for svc in services if svc.name == "Rasa 2")
    assert rasa_2.argv[rasa_2.argv.index("--port") + 1] == "7006"
    second = yaml.safe_load((tmp_path / "endpoints-2.yml").read_text())
    # Rasa 2 calls its own action server; both share the lock store and the tracker store.
    assert second["action_endpoint"]["url"] == "http://127.0.0.1:7056/webhook"
    assert second["lock_store"] == {"type": "bot.rasa_ext.lock_store.AtomicRedisLockStore",
                                    "url": "127.0.0.1", "port": 7379, "db": 1,
                                    "key_prefix": "tidigt"}
    assert second["tracker_store"]["dialect"] == "postgresql"
    assert s.rasa_urls == ["http://127.0.0.1:7005", "http://127.0.0.1:7006"]


def test_an_external_redis_is_used_instead_of_starting_one(tmp_path):
    s = settings(tmp_path, DATABASE_URL=PG, TIDIGT_RASA_PROCESSES="3", TIDIGT_WEB_PROCESSES="1",
                 TIDIGT_REDIS_URL="redis://:hemligt@lås.kommun.local:6390/2")
    names = [svc.name for svc in product_services(s, 8080)]
    assert "Redis" not in names and names.count("webbappen") == 1
    doc = yaml.safe_load(write_endpoints(s, 2).read_text())
    assert doc["lock_store"]["url"] == "lås.kommun.local"
    assert (doc["lock_store"]["port"], doc["lock_store"]["db"]) == (6390, 2)
    assert doc["lock_store"]["password"] == "hemligt"


def test_scale_out_on_sqlite_is_refused_in_swedish(tmp_path):
    problem = scale_out_problem(settings(tmp_path, TIDIGT_PROCESSES="2"))
    assert problem and "PostgreSQL" in problem


@pytest.mark.parametrize("bad", ["0", "två", "-1", "33"])
def test_a_bad_process_count_is_refused_with_a_reason(tmp_path, bad):
    with pytest.raises(ValueError, match="TIDIGT_PROCESSES"):
        settings(tmp_path, TIDIGT_PROCESSES=bad)


def test_a_lock_store_url_that_is_not_redis_is_refused():
    with pytest.raises(ValueError, match="redis://"):
        lock_store_config("http://127.0.0.1:6379")


def test_messages_are_spread_over_the_rasa_servers_and_a_busy_one_is_passed_over():
    client = RasaClient(["http://a", "http://b"])
    assert [client.pick() for _ in range(4)] == [0, 1, 0, 1]
    client._in_flight[0] = 2  # server a is still answering two messages
    assert [client.pick() for _ in range(3)] == [1, 1, 1]


def test_a_conversation_keeps_to_its_home_rasa_server_while_it_is_up_and_not_far_busier():
    client = RasaClient(["http://a", "http://b"])
    homes = {f"samtal-{i}": home_server(f"samtal-{i}", 2) for i in range(40)}
    assert set(homes.values()) == {0, 1}  # conversations are spread over both
    one = next(s for s, h in homes.items() if h == 0)
    assert [client.pick(sender=one) for _ in range(4)] == [0, 0, 0, 0]
    # Restarting (the supervisor's word): another server answers meanwhile.
    assert client.pick(only={1}, sender=one) == 1
    client._in_flight[0] = 2 * 1 + HOME_SLACK
    client._in_flight[1] = 1
    assert client.pick(sender=one) == 0  # busier, but not far busier
    client._in_flight[0] += 1
    assert client.pick(sender=one) == 1  # far busier: passed over
    # Without affinity, spread as before.
    spread = RasaClient(["http://a", "http://b"], affinity=False)
    assert [spread.pick(sender=one) for _ in range(4)] == [0, 1, 0, 1]
    # The home is the same in every process: a hash that is not salted per process.
    assert home_server("samtal-1", 2) == zlib.crc32(b"samtal-1") % 2


@pytest.mark.parametrize("affinity", [True, False])
def test_each_message_goes_to_one_rasa_server_and_says_which(affinity):
    """Two fake Rasa servers: consecutive messages of one conversation go to its home
    server, or alternate without affinity."""
    async def scenario():
        seen = []

        def fake(name):
            async def webhook(request):
                body = await request.json()
                seen.append((name, body["sender"], body["metadata"]["rasa_server"]))
                return web.json_response([{"text": f"svar från {name}"}])
            app = web.Application()
            app.router.add_post("/webhooks/rest/webhook", webhook)
            return app

        runners, urls = [], []
        for name in ("a", "b"):
            runner = web.AppRunner(fake(name))
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            runners.append(runner)
            urls.append(f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}")
        client = RasaClient(urls, timeout=5, affinity=affinity)
        await client.start()
        try:
            answers = [await client.send("samtal-1", f"meddelande {i}", {}) for i in range(4)]
        finally:
            await client.close()
            for runner in runners:
                await runner.cleanup()
        return seen, answers

    seen, answers = asyncio.run(scenario())
    if not affinity:
        assert [s[0] for s in seen] == ["a", "b", "a", "b"]
        assert [s[2] for s in seen] == [1, 2, 1, 2]
        assert answers[1] == [{"text": "svar från b"}]
        return
    home = home_server("samtal-1", 2)
    assert [s[2] for s in seen] == [home + 1] * 4
    assert answers[1] == [{"text": f"svar från {'ab'[home]}"}]


@pytest.mark.parametrize("env", [
    {},
    {"TIDIGT_DATA_DIR": "/tmp/tidigt-data/../tidigt-data"},
    {"DATABASE_URL": "postgresql://tidigt@db/tidigt", "TIDIGT_DATA_DIR": "/srv/x"},
])
def test_the_database_url_alone_is_the_settings_own(env):
    from bot.settings import database_url
    assert database_url(env) == load_settings(env).database_url


def test_a_restarting_rasa_server_or_its_action_server_gets_no_messages(tmp_path):
    import os
    from types import SimpleNamespace

    from bot.supervision import STATE_FILE, StateReader, component_of, write_state
    from bot.web.chat import usable_rasa_servers
    from bot.web.keys import RASA, SUPERVISOR

    s = settings(tmp_path, DATABASE_URL=PG, TIDIGT_PROCESSES="3")
    names = [svc.name for svc in product_services(s, 8080)]

    def supervisor_says(away: set[str]):
        write_state(tmp_path / STATE_FILE, [
            {"name": n, "component": component_of(n)[0], "index": component_of(n)[1],
             "state": "restarting" if n in away else "ready"} for n in names])

    request = SimpleNamespace(app={RASA: RasaClient(s.rasa_urls),
                                   SUPERVISOR: StateReader(tmp_path, parent_pid=os.getpid())})
    supervisor_says(set())
    assert usable_rasa_servers(request) is None  # all ready: no say
    supervisor_says({"Rasa 2"})
    assert usable_rasa_servers(request) == {0, 2}
    assert {request.app[RASA].pick({0, 2}) for _ in range(6)} == {0, 2}
    supervisor_says({"actionservern 3", "Rasa 2"})
    assert usable_rasa_servers(request) == {0}
    supervisor_says({"Redis"})
    assert usable_rasa_servers(request) == set(), "every Rasa server needs the lock store"
