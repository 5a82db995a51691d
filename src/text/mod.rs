//! Text handling shared by the stages: charset decoding, normalisation, dates, slugs.
