"""The views of the Lägesbild TUI: the four tabs and the screens pushed over them."""
