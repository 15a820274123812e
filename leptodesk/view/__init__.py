"""What a person reads of a plan: the numbers, doses, weights and dates written once
(:mod:`leptodesk.view.numbers`), and what the nurse sheet shows (:mod:`leptodesk.view.nurse`),
for every renderer alike (no layout here: the renderers lay it out)."""
