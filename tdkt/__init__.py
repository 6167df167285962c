"""tdkt: the archive of Vietnamese emulation and commendation reports (thi đua, khen thưởng).

Pipeline (imports flow one way): model ← collate, markdown, normalise ← yamlread, fields, vocab
← gazetteer, catalog ← present, paths, report_page, pages ← sync, render ← cli.
"""
