"""«Tiempo de cálculo»: the training time of each activation (a benchmark; marked gpu and timing)."""

HEADING = "Tiempo de cálculo"  # the course heading of this folder: the default section of its claims
