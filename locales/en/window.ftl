# The desktop window's own messages.
