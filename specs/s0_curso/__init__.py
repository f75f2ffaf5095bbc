"""What the course's code assumes about the libraries it imports (the import lines that open
«Inicialización de parámetros» and that every later code block relies on)."""
