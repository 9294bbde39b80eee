"$SVERKA" segment corpora/seeds/001_7fe66222bde10e6b.txt
