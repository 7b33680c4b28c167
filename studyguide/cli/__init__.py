"""The `studyguide` command, in modules: `main` (the group), `build` (build, watch,
serve), `guides` (new, import, check), `tools` (impose, announce), `options` (the
options, from the settings table) and `report` (what is printed). The group is
`studyguide.cli.main.main`: a name here would be shadowed by the module `main`."""
