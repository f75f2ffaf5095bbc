"""«Inicialización de parámetros»."""

HEADING = "Inicialización de parámetros"  # the course heading of this folder: the default section of its claims
