"""«Tipos de funciones de activación en capas ocultas»."""

HEADING = "Tipos de funciones de activación en capas ocultas"  # the course heading of this folder: the default section of its claims
