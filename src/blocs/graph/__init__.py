"""The signed actor graph and its partition into blocs."""
