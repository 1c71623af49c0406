extension Assets {
    /// The pages' stylesheet.
    static let style = """
        :root { --bg:#fdfcf9; --fg:#222; --muted:#666; --accent:#b3261e; --code:#f3f1ec; --ok:#1b7f3b; --bad:#b3261e; }
        * { box-sizing: border-box; }
        body { margin:0; font:16px/1.5 system-ui, sans-serif; color:var(--fg); background:var(--bg); }
        nav.top { display:flex; gap:1.2em; padding:.6em 1.2em; background:#2b2b2b; }
        nav.top a { color:#eee; text-decoration:none; } nav.top a.brand { color:#ff8a80; font-weight:bold; }
        main { padding:1em 1.5em; max-width:1500px; margin:auto; }
        main.with-console { display:grid; grid-template-columns:minmax(0,1fr) minmax(320px,42%); gap:1.5em; }
        article { min-width:0; }
        pre, code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size:14px; }
        :not(pre) > code { background:var(--code); padding:0 .25em; border-radius:3px; }
        .code { position:relative; } .code pre { background:var(--code); padding:.8em; overflow:auto; border-radius:4px; }
        button { font:inherit; cursor:pointer; border:1px solid #999; background:#fff; border-radius:4px; padding:.2em .7em; }
        button.run { position:absolute; right:.4em; top:.4em; background:var(--accent); color:#fff; border:none; }
        table { border-collapse:collapse; } th, td { border:1px solid #ddd; padding:.3em .6em; vertical-align:top; }
        table.catalog tr.read td:first-child { color:var(--ok); font-weight:bold; }
        .missing { color:var(--bad); } .status { text-align:center; }
        #console { position:sticky; top:1em; height:calc(100vh - 6em); display:flex; flex-direction:column; background:#111; color:#ddd; border-radius:6px; }
        #console header { padding:.3em .6em; background:#333; font-size:13px; } #console .help { color:#999; margin-left:1em; }
        #console-state.tx { color:#ffd54f; } #console-state.subscribed { color:#80deea; }
        #console-output { flex:1; margin:0; padding:.5em; overflow:auto; white-space:pre-wrap; overflow-wrap:anywhere; }
        #console-output .push { color:#80deea; } #console-output .error { color:#ff8a80; } #console-output .echo { color:#aaa; }
        .console-line { display:flex; padding:.4em .5em; border-top:1px solid #333; font-family:ui-monospace, monospace; font-size:14px; }
        #console-input { flex:0 1 auto; min-width:4em; width:100%; background:transparent; color:#fff; border:none; outline:none; font:inherit; }
        #console-hint { color:#777; white-space:pre; }
        .hl-yellow{color:#9a6700} .hl-cyan{color:#0b6e80} .hl-magenta{color:#8e24aa} .hl-green{color:#2e7d32} .hl-blue{color:#1565c0} .hl-gray{color:#777} .hl-red{color:#c62828}
        .hl-bold{font-weight:bold} .hl-italic{font-style:italic}
        fieldset.question { border:1px solid #ddd; margin:1em 0; } label.option { display:block; }
        .feedback.right { color:var(--ok); } .feedback.wrong { color:var(--bad); }
        .exercise-actions { display:flex; gap:.5em; margin:1em 0; }
        .check-result { border:2px solid #ddd; border-radius:6px; padding:.4em .9em; margin:1em 0; background:#fff; color:var(--fg); }
        .check-result.passed { border-color:var(--ok); } .check-result.failed { border-color:var(--bad); } .check-result.error { border-color:#c77700; }
        .check-result h2 { font-size:1.1em; margin:.3em 0; } .check-result.passed .score { color:var(--ok); } .check-result.failed .score { color:var(--bad); }
        .check-result ul.checks { list-style:none; padding:0; margin:.3em 0; } .check-result li.check { display:flex; gap:.6em; padding:.15em 0; }
        .check-result li.passed .mark { color:var(--ok); } .check-result li.failed .mark { color:var(--bad); } .check-result li.error .mark { color:#c77700; }
        .check-result .points { color:var(--muted); white-space:nowrap; } .check-result .message { color:var(--muted); }
        .check-result li.hidden .name { font-style:italic; } .check-result .why { background:#eef7ef; padding:.4em .6em; border-radius:4px; }
        .check-result .problem { color:var(--bad); } .check-result .next { color:var(--muted); font-size:.9em; }
        #console .check-result { margin:.4em; max-height:40%; overflow:auto; font-size:14px; }
        .chat { display:grid; grid-template-columns:12em 1fr 1fr; gap:1em; }
        .chat ul.rooms { list-style:none; padding:0; } .chat ul.rooms li { padding:.2em; cursor:pointer; } .chat ul.rooms li.active { background:#eee; font-weight:bold; }
        #chat-messages { height:50vh; overflow:auto; border:1px solid #ddd; padding:.5em; background:#fff; }
        #chat-commands { height:50vh; overflow:auto; background:#111; color:#9ccc65; padding:.5em; font-size:13px; white-space:pre-wrap; }
        .chat .msg .who { font-weight:bold; } .chat .msg .id { color:#999; font-size:12px; } .chat .msg.history { opacity:.75; }
        .chart { margin:1em 0; } .chart text { font-size:12px; font-family:system-ui, sans-serif; }
        .student { border-top:1px solid #ddd; padding:.5em 0; } .override { color:#8e24aa; }
        """
}
