"""What a person reads of a plan: the numbers, doses, weights and dates written once
(:mod:`leptodesk.view.numbers`), for every renderer alike."""
