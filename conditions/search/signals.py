"""What a search tells the apps above: `found_nothing`, sent with `query` (the words as typed)
by the search page and the search API when a reader's search found nothing, and by nothing else
(the benchmark's searches are not readers'). `submissions` counts them for editors; this app
imports neither of the apps above it, so it announces rather than calls.
"""

from django.dispatch import Signal

found_nothing = Signal()
