//! File names a file system allows but a site or a terminal does not take as they are.
