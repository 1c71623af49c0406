print("catalog benchmark")
