"""Score the argument: paragraph roles, balance across sides, and the judgement."""
