"""Reading inputs into posts: draft files and standard input (exports: ``exports``)."""
