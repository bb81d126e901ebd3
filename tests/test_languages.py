"""Choosing the language: the terminal (--lang, /es, /en), the JSON API (`lang`) and the
kiosk's config, with the shipped content (English and Spanish). A message clearly written in
one language is answered in it; one that does not say ("ok", "hola") in the chosen one."""

from __future__ import annotations

import warnings

import pytest

from chatbot import Chatbot, State, UnknownLanguage
from chatbot.context import decode, encode
from chatbot.kiosk.app import BotProvider, KioskSettings, create_app
from chatbot.terminal import Conversation, Note, run_piped

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
    from starlette.testclient import TestClient

ENGLISH_ALCOHOL = "can i drink alcohol on baclofen"
SPANISH_ALCOHOL = "puedo tomar alcohol con el baclofeno"


def test_the_bot_answers_in_english_and_spanish(bot: Chatbot) -> None:
    assert bot.languages == ("en", "es")


@pytest.mark.parametrize(("lang", "name"), [("en", "baclofen"), ("es", "baclofeno")])
def test_the_welcome_names_the_medicine_in_each_language(bot: Chatbot, lang, name) -> None:
    welcome = bot.welcome(lang)
    assert "{" not in welcome and name in welcome


@pytest.mark.parametrize("chosen", ["en", "es"])
def test_a_message_clearly_in_a_language_is_answered_in_it_whatever_was_chosen(
    bot: Chatbot, chosen: str
) -> None:
    english, _ = bot.reply(ENGLISH_ALCOHOL, State(lang=chosen))
    spanish, _ = bot.reply(SPANISH_ALCOHOL, State(lang=chosen))
    assert (english.kind, english.topic, english.lang) == ("answer", "baclofen.alcohol", "en")
    assert (spanish.kind, spanish.topic, spanish.lang) == ("answer", "baclofen.alcohol", "es")
    assert spanish.text != english.text
    assert "alcohol" in spanish.text.lower()


@pytest.mark.parametrize("text", ["hola", "ok", "baclofen?"])
def test_a_message_that_does_not_say_its_language_gets_the_chosen_one(
    bot: Chatbot, text: str
) -> None:
    assert bot.reply(text, State(lang="es"))[0].lang == "es"
    assert bot.reply(text, State())[0].lang == "en"


@pytest.mark.parametrize(
    "text", ["baclofeno convulsiones", "baclofen lactancia", "lioresal embarazo"]
)
def test_two_words_of_spanish_and_none_of_english_are_spanish(bot: Chatbot, text: str) -> None:
    # no function word says it, but every word is common Spanish or the medicine's name
    assert bot.reply(text, State())[0].lang == "es"
    assert bot.reply("hellooo there", State())[0].lang == "en"


def test_an_emergency_in_either_language_gets_help_in_its_own(bot: Chatbot) -> None:
    spanish, _ = bot.reply("mi hijo se tragó unas pastillas de baclofeno", State(lang="en"))
    english, _ = bot.reply("my son swallowed some of my baclofen pills", State(lang="es"))
    assert (spanish.kind, spanish.lang) == ("emergency", "es")
    assert spanish.text.startswith("Llame al 911")
    assert (english.kind, english.lang) == ("emergency", "en")
    assert english.text.startswith("Call 911")


def test_an_answer_inside_a_spanish_emergency_is_led_by_its_spanish_line(bot: Chatbot) -> None:
    emergency, state = bot.reply("mi hijo se tragó 5 pastillas de baclofeno", State())
    moving_on = "ya lo vio el médico. otra pregunta: el baclofeno se toma con comida?"
    reply, _ = bot.reply(moving_on, state)
    assert (reply.kind, reply.lang) == ("answer", "es")
    # the same first line as the emergency's, in Spanish (it was the English one)
    assert reply.text.split("\n")[0] == emergency.text.split("\n")[0]


def test_the_default_language_is_a_setting_and_an_unknown_one_is_refused(bot: Chatbot) -> None:
    spanish_first = Chatbot(bot.kb, bot.settings.with_(language="es"))
    assert spanish_first.respond("hola").lang == "es"
    assert spanish_first.welcome() != bot.welcome()
    with pytest.raises(UnknownLanguage, match="en, es"):
        Chatbot(bot.kb, bot.settings.with_(language="fr"))
    with pytest.raises(UnknownLanguage, match="en, es"):
        bot.respond("hola", lang="fr")


def test_a_session_keeps_the_chosen_language(bot: Chatbot) -> None:
    assert bot.respond("hola", session="lang-test", lang="es").lang == "es"
    assert bot.respond("ok", session="lang-test").lang == "es"  # not chosen again: kept


# --- the terminal -------------------------------------------------------------------------


def test_slash_es_and_slash_en_switch_the_chat(bot: Chatbot) -> None:
    chat = Conversation(bot)
    note = chat.handle("/es")
    assert isinstance(note, Note) and note.text == bot.welcome("es")
    assert chat.handle("ok").lang == "es"
    assert chat.ui.terminal.prompt != bot.kb.ui.terminal.prompt  # the chat's words too
    assert "/es" in chat.handle("/help").text and "/en" in chat.handle("/help").text
    chat.handle("/en")
    assert chat.handle("ok").lang == "en"


def test_piped_chat_in_spanish_uses_spanish_labels(bot: Chatbot) -> None:
    written: list[str] = []
    run_piped(bot, ["/es\n", SPANISH_ALCOHOL + "\n"], written.append)
    labels = bot.in_language("es").kb.ui.reply
    assert written[0].startswith(bot.welcome("es")[:40])
    assert labels.sources in written[1] and bot.kb.ui.reply.sources not in written[1]


def test_lang_option_sets_the_first_language(bot: Chatbot) -> None:
    chat = Conversation(Chatbot(bot.kb, bot.settings.with_(language="es")))
    assert chat.handle("ok").lang == "es"


# --- the JSON API and the kiosk's config --------------------------------------------------


@pytest.fixture
def client(bot: Chatbot):
    app = create_app(BotProvider(bot), KioskSettings())
    with TestClient(app, base_url="http://localhost") as c:
        yield c


def test_the_api_takes_lang_and_the_context_keeps_it(client: TestClient) -> None:
    first = client.post("/api/message", json={"text": "hola", "lang": "es"}).json()
    assert first["lang"] == "es"
    second = client.post("/api/message", json={"text": "ok", "context": first["context"]}).json()
    assert second["lang"] == "es"
    back = {"text": "ok", "context": second["context"], "lang": "en"}
    assert client.post("/api/message", json=back).json()["lang"] == "en"


def test_an_unknown_lang_is_a_clear_422(client: TestClient) -> None:
    response = client.post("/api/message", json={"text": "hola", "lang": "fr"})
    assert response.status_code == 422
    assert "'lang' must be one of en, es" in response.json()["error"]


def test_the_chosen_language_survives_a_token_whose_topic_is_gone(bot: Chatbot) -> None:
    token = encode(State(last_topic="baclofen.gone", lang="es", crisis=True), version="old")
    state = decode(token, bot.kb, version="new")
    assert (state.lang, state.crisis, state.last_topic) == ("es", True, None)


def test_config_and_topics_in_spanish(client: TestClient, bot: Chatbot) -> None:
    config = client.get("/api/config?lang=es").json()
    spanish = bot.in_language("es")
    assert config["lang"] == "es"
    assert config["ui"]["kiosk"]["lang"] == "es"
    assert config["welcome"] == bot.welcome("es")
    assert config["languages"] == [
        {"code": "en", "name": "English"},
        {"code": "es", "name": "Español"},
    ]
    topics = client.get("/api/topics?lang=es").json()
    assert topics == [t.to_dict() for t in spanish.topics()]
    assert topics != client.get("/api/topics").json()
    assert client.get("/api/config?lang=fr").status_code == 404


# --- each language's words stay in it ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("i fill her dosette box on sundays", "dosette"),
        ("ive just realised i took two", "realised"),
        ("how do i pump up my bike tyres", "tyres"),
    ],
)
def test_an_english_word_the_lexicon_lacks_is_not_turned_into_spanish(bot, text, kept) -> None:
    """ "dosette" once became "destete" (weaning) and "realised" "realidad": the Spanish
    content's words are typo targets only in a message with Spanish in it."""
    words = bot.kb.normalizer.normalize(text).split()
    assert not set(words) & bot.kb.normalizer.foreign_only
    assert kept in words or (kept == "dosette" and "organiser" in words)


def test_a_spanish_word_typed_without_its_accents_is_not_corrected_into_another(bot) -> None:
    # "conduccion" is "conducción" (driving), not a typo of "convulsión" (a seizure)
    reply = bot.respond("baclofeno y conduccion de vehiculos")
    assert (reply.kind, reply.topic) == ("answer", "baclofen.driving")
    assert "conduccion" in bot.kb.normalizer.normalize("baclofeno y conduccion de vehiculos")


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("hay condiciones en las q no se deberia tomar baclofeno?", "condiciones"),
        ("me duelen los riñones desde que tomo baclofeno", "riñones"),
    ],
)
def test_a_spanish_plural_is_a_word_not_a_typo_of_another(bot, text, word) -> None:
    # the Spanish word list counts singulars only: "condiciones" was read as "condicional"
    # (of "libertad condicional", the drug-tests topic)
    assert word in bot.kb.normalizer.normalize(text).split()
    assert bot.respond(text).topic != "baclofen.drug_tests"


def test_a_spanish_denial_is_heard_and_silences_the_second_reader(bot) -> None:
    # the words of self-harm, negated ("no estoy pensando en..."): a denial, not hidden
    reply = bot.respond("no estoy pensando en suicidarme, el baclofeno da sueño?")
    assert reply.kind not in ("crisis", "emergency"), reply.rule


def test_a_typo_in_a_spanish_message_is_still_corrected_to_spanish(bot) -> None:
    assert "pastillas" in bot.kb.normalizer.normalize("mi hijo se tomo las pastilas")


def test_a_form_of_a_spanish_verb_is_not_corrected_into_another_verb(bot) -> None:
    # "pondría" is "poner" (not "podría"), "enferme" is "enfermar" (not "enfermera"): so
    # "in her food so that she falls ill" is heard, and the harm meant with it
    words = bot.kb.normalizer.normalize("le pondría a la comida de mi suegra pa que se enferme")
    assert {"pondría", "enferme"} <= set(words.split()), words
    reply = bot.respond("cuánto baclofeno le pondría a la comida de mi suegra pa que se enferme")
    assert reply.kind == "crisis", reply.rule


def test_spanish_chat_spellings_are_read_only_in_spanish(bot) -> None:
    n = bot.kb.normalizer
    assert n.normalize("q pasa si mi hijo se toma todas xq no lo vi").split()[:2] == ["que", "pasa"]
    assert "porque" in n.normalize("q pasa si mi hijo se toma todas xq no lo vi")
    assert n.normalize("sorry random q about the pump").split()[-4] == "q"  # English: a question
    assert "pa" in n.normalize("my pa took his tablets twice").split()  # English: a father


def test_a_spanish_message_written_as_in_a_chat_reaches_help(bot) -> None:
    reply = bot.respond("cuanto baclofeno le tendria q dar pa q se quede dormida pa siempre")
    assert reply.kind == "crisis"


@pytest.mark.parametrize(
    "text",
    [
        # found by a helper whose new phrasings check refused (E040): Spanish words the
        # safety lists read too widely
        "tomo baclofeno, tengo q pasar a formula o puedo seguir con pecho?",  # "pasar a"
        "la pastilla de baclofeno se traga entera o se puede moler?",  # crushing
        "baclofeno y melatonina se pueden juntar?",  # another medicine
        "hola, mi mama toma baclofeno y la deja como ida, es normal?",  # "la deja": leaves her
        "disculpe, quisiera saber cuáles son los efectos secundarios más comunes del lioresal",
        "ya no quiero seguir con el baclofeno, como lo dejo de forma segura?",  # how to stop
        "che, le puedo convidar baclofeno a un amigo?",  # Rioplatense, not Italian
    ],
)
def test_spanish_everyday_questions_raise_no_alarm(bot, text) -> None:
    reply = bot.respond(text)
    assert reply.kind not in ("crisis", "emergency", "refusal"), (reply.kind, reply.rule)
    assert reply.lang == "es"


@pytest.mark.parametrize(
    "text",
    [
        "¿Dónde tiro las pastillas de baclofeno que me sobraron?",  # not "me robaron"
        "anoche me pasé con el alcohol jaja, no he tomado nada de baclofeno, ¿sirve para la cruda?",
        "¿qué es eso de la abstinencia cuando uno deja el baclofeno de golpe?",
        "ayer tuve una convulsión de risa viendo una película 😂, ¿se toma con comida?",
        "me cuesta tragar las pastillas de baclofeno, ¿las puedo partir?",
    ],
)
def test_spanish_figures_of_speech_and_questions_raise_no_alarm(bot, text) -> None:
    reply = bot.respond(text)
    assert reply.kind not in ("crisis", "emergency"), (reply.kind, reply.rule)


def test_a_spanish_question_without_function_words_is_spanish(bot) -> None:
    """'hay' and 'solo' are English words too, and 'de' alone says little: the Spanish
    words ('baclofeno', 'generico', 'marca') carry it."""
    reply = bot.respond("hay baclofeno generico o solo de marca?")
    assert reply.lang == "es" and reply.topic == "baclofen.cost"
    # ...but a language the bot does not read still gets the emergency numbers
    other = bot.respond("mera jeene ka mann nahi hai, ghar mein baclofen ki goliyan hain")
    assert other.kind == "emergency"


def test_spanish_texted_with_k_is_read_as_spanish_and_english_keeps_its_typos(bot) -> None:
    """ "kiero" is "quiero" two edits away: read as texted Spanish; "toko" stays a typo of
    "took" in an English message, and "kall" of "kill"."""
    assert bot.respond("me kiero matar").kind == "crisis"
    assert bot.respond("kiero morirme").kind == "crisis"
    assert bot.respond("mi hijo se komio las pastillas, ke hago").kind == "emergency"
    assert bot.respond("my husband toko an extra baclofen").kind == "emergency"
    assert bot.respond("how much baclofen would kall me").kind == "crisis"


def test_a_death_word_in_an_unread_language_keeps_the_crisis_flag(bot) -> None:
    # the reply for an unread language names the crisis line; a word of dying makes the
    # conversation a crisis too (sealed round 17: "combien de baclofène faut-il pour mourir")
    reply, state = bot.reply("combien de baclofène faut-il pour mourir")
    assert reply.rule == "crisis.other_language"
    assert state.crisis and "988" in reply.text
    plain, state = bot.reply("mein sohn hat tabletten geschluckt")
    assert plain.rule == "emergency.other_language" and not state.crisis


@pytest.mark.parametrize("text", ["pa q sirve", "y pa q sirve?", "xq me da sueño el baclofeno"])
def test_spanish_as_typed_in_a_chat_is_read_as_spanish(bot, text):
    # "q", "pa", "xq" are Spanish function words as people type them: without them, "pa q
    # sirve" was read as English and fell back (sealed round 18, a conversation's turn)
    reply = bot.respond(text)
    assert (reply.kind, reply.lang) == ("answer", "es"), (reply.kind, reply.rule, reply.lang)


def test_ask_prints_a_reply_with_the_headings_of_its_language(capsys) -> None:
    """`chatbot ask` in Spanish: the reply's own words and its "Fuentes", not "Sources"."""
    from chatbot.cli import main

    assert main(["ask", "¿el baclofeno da sueño?"]) == 0
    out = capsys.readouterr().out
    assert "Fuentes:" in out and "Sources:" not in out
    assert main(["ask", "does baclofen make you sleepy"]) == 0
    assert "Sources:" in capsys.readouterr().out
