"""What every edition (a table of source/_data/editions.toml, or of ``handbook_editions``) must set. Checked
where it is read: by the build scripts (build_scripts/editions.py) and by the extension at ``config-inited``
(site/editions.py). No imports: the build scripts read it without Sphinx."""

REQUIRED = ("project", "subtitle", "language_name", "pdf_basename", "pdf_language_tag")
