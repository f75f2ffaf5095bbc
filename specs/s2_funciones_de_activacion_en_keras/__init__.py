"""«Usando funciones de activación en Keras»."""

HEADING = "Usando funciones de activación en Keras"  # the course heading of this folder: the default section of its claims
