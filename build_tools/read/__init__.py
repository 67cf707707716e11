"""Stage 1, read: a seed file in, its decoded text (`reading`) and its blocks with plain text
and links (`markup`, `inline`) out."""
