"""Shared scripts and shortcuts for the simulator tests."""

from __future__ import annotations

from personas import load_personas
from scenarios import load_library
from simulator import Call, OfflineEngine

LIBRARY = load_library()
PERSONAS = load_personas()
RINGBACK = LIBRARY.get("telecom-ringback-consent")

EMPATHIC = [
    "您好，工号1024为您服务。真对不起让您久等了，请问有什么可以帮您？",
    "非常抱歉给您添麻烦了，我理解您的心情。请问您之前有没有收到过我们的短信或者电话？",
    "我理解您的顾虑，您说只是答应考虑，我记下来了。这项彩铃是优惠绑定的，每月1号会返还5元话费，正好抵扣，等于免费使用，不用您花钱。",
    "请您放心，每月1号都会返还，您下个月1号可以来电查询返还到账。如果您对开通有异议，我也可以帮您提交核查录音的工单，3个工作日内给您回电。",
    "换歌也很方便，您可以拨12530自助换歌，或者拨12580请人工帮您设置，都只收普通通话费。",
    "跟您确认一下：每月1号返还5元，换歌拨12580。请问还有什么可以帮您？感谢您的来电，再见！",
]
ARGUING = [
    "喂，什么事？",
    "我们不会随便给人开通的，肯定是您自己同意的。",
    "有录音为证，您当时就是答应了。",
    "这是规定，绑定期内取消不了，我也没办法。",
    "您先冷静一下，别激动。",
    "难道您不知道要看清楚短信吗？",
]


def play_script(persona_id: str, replies: list[str], seed: int = 7, case=RINGBACK) -> Call:
    """Run the replies through an offline call until they run out or the customer ends it."""
    call, opening = Call.start(case, PERSONAS.get(persona_id), OfflineEngine(), seed=seed)
    opening.text()
    for reply in replies:
        if call.session.state.ended:
            break
        call.reply(reply).text()
    return call
