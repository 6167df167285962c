import io

from tdkt.engine.progress import Progress


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_without_a_terminal_plain_lines_come_at_the_start_every_interval_and_the_end():
    out, clock = io.StringIO(), Clock()
    progress = Progress(out, tty=False, every=10, clock=clock)
    progress.stage("trang", 300)
    for _ in range(3):
        clock.now += 6
        progress.advance(100)
    progress.finish()
    assert out.getvalue().splitlines() == ["trang: 0/300 (0%), 0 giây", "trang: 200/300 (66%), 12 giây",
                                           "trang: 300/300 (100%), 18 giây"]


def test_on_a_terminal_one_bar_is_redrawn_in_place_and_closed():
    out, clock = io.StringIO(), Clock()
    progress = Progress(out, tty=True, clock=clock, width=10)
    progress.stage("trang", 4)
    clock.now = 1
    progress.advance(2)
    progress.finish()
    text = out.getvalue()
    assert "\n" not in text[:-1] and text.endswith("\n")
    assert text.split("\r")[-1] == "    trang █████····· 2/4 (50%), 1 giây\n"


def test_an_empty_stage_shows_nothing():
    out = io.StringIO()
    Progress(out, tty=False).stage("trang", 0)
    assert out.getvalue() == ""


def test_a_stage_without_a_count_shows_its_name_once():
    out = io.StringIO()
    progress = Progress(out, tty=False)
    progress.stage("tạo site_src/")
    progress.advance()
    assert out.getvalue() == "tạo site_src/…\n"
