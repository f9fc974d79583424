from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
DEMO_CSV = DATA_DIR / "demo-gpsea.csv"
SAMPLES_DIR = DATA_DIR / "samples"
LABELLED_PAIRS = DATA_DIR / "dedup-labelled-pairs.csv"
