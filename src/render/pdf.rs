//! The PDF writer (krilla, tagged PDF/UA-1).
