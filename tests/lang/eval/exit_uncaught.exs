exit(:boom)
