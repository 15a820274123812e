"""What the plan's surfaces show, decided once (no layout here: the renderers lay it out)."""
