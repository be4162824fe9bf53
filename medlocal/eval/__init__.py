"""Multiple-choice medical benchmarks on local models (issue 9). Qt-free.

Readers for the published formats (:mod:`readers`), two scoring modes (:mod:`generate`,
:mod:`likelihood`), the run loop with resume, progress and cancel (:mod:`runner`), stored runs
(:mod:`runs`), statistics (:mod:`stats`), exports and comparison (:mod:`report`) and the
comparison chart (:mod:`chart`). Benchmark questions are public data, never patient data: runs
live under the data folder, outside the vault.
"""
