"""«Tiempo de cálculo»: the training time of each activation (a benchmark; marked gpu and timing)."""
