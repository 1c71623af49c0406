print("simulator benchmark")
