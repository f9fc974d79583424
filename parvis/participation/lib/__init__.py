"""Pure-Python building blocks of the participation app (no Django import)."""
